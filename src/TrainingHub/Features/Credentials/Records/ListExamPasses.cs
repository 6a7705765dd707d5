using Microsoft.EntityFrameworkCore;
using FluentValidation;
using Mediator;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Features.Shared;
using TrainingHub.Features.Pipeline;

namespace TrainingHub.Features.Credentials.Records;

/// <summary>For institute admins: the exams that can be recorded, and the latest exam records with who made them.</summary>
public static class ListExamPasses
{
    public sealed record Query(string ActorId) : IQuery<Result>, IInstituteAdminOnly;

    public sealed record Item(Guid Id, string PersonName, string PersonEmail, string ExamName, DateOnly PassedOn, string RecordedBy, DateTime RecordedAt, string? WithdrawnReason);

    public sealed record Result(IReadOnlyList<ExamChoice> Exams, IReadOnlyList<Item> Records);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.ActorId).NotEmpty();
    }

    public sealed class Handler(TrainingHubDb db, CredentialRuleBook rules) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var rows = await (from p in db.ExamPasses
                              join person in db.Users on p.PersonId equals person.Id
                              join recorder in db.Users on p.RecordedById equals recorder.Id
                              orderby p.RecordedAt descending
                              select new
                              {
                                  p.Id, person.FullName, person.Email, p.ExamId, p.PassedOn, Recorder = recorder.FullName, p.RecordedAt,
                                  Withdrawn = db.ExamPassWithdrawals.Where(w => w.ExamPassId == p.Id).Select(w => w.Reason).FirstOrDefault(),
                              }).AsNoTracking().Take(100).ToListAsync(ct);
            return new Result(rules.Exams, rows.Select(r => new Item(r.Id, r.FullName, r.Email ?? "", rules.FindExam(r.ExamId)?.Name ?? r.ExamId, r.PassedOn,
                r.Recorder, r.RecordedAt, r.Withdrawn)).ToList());
        }
    }
}
