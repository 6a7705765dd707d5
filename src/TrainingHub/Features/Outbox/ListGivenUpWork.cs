using Microsoft.EntityFrameworkCore;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Outbox;

/// <summary>For institute admins: follow-up work (e-mails, certificates) that failed every attempt and waits for someone to look at it.</summary>
public static class ListGivenUpWork
{
    public sealed record Query(string AdminId) : IQuery<IReadOnlyList<Item>>;

    public sealed record Item(Guid Id, OutboxKind Kind, string Key, int Attempts, string? LastError, DateTime CreatedAt, DateTime GaveUpAt);

    public sealed class Handler(TrainingHubDb db, SiteScope scope) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken ct)
        {
            if (!await scope.IsInstituteAdminAsync(query.AdminId, ct)) throw new ForbiddenException("Only an institute admin can see work that was given up.");
            return await db.OutboxMessages.AsNoTracking()
                .Where(m => m.GaveUpAt != null && m.ProcessedAt == null)
                .OrderByDescending(m => m.GaveUpAt)
                .Take(200)
                .Select(m => new Item(m.Id, m.Kind, m.Key, m.Attempts, m.LastError, m.CreatedAt, m.GaveUpAt!.Value))
                .ToListAsync(ct);
        }
    }
}
