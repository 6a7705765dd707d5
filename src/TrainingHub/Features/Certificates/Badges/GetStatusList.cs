using Mediator;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;

namespace TrainingHub.Features.Certificates.Badges;

/// <summary>The signed revocation status list every Open Badge points at.</summary>
public static class GetStatusList
{
    public sealed record Query : IQuery<string>;

    public sealed class Handler(TrainingHubDb db, CertificateSnapshot snapshot, InstituteSigningKey key, TimeProvider clock) : IQueryHandler<Query, string>
    {
        public async ValueTask<string> Handle(Query query, CancellationToken ct)
        {
            var revoked = await (from r in db.CertificateRevocations.AsNoTracking()
                                 join c in db.Certificates.AsNoTracking() on r.CertificateId equals c.Id
                                 select c.StatusIndex).ToListAsync(ct);
            var credential = StatusList.BuildCredential(snapshot.StatusListUrl, snapshot.IssuerUrl, clock.GetUtcNow(), revoked);
            return key.Sign(credential);
        }
    }
}
