using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Email;
using TrainingHub.Infrastructure;
using TrainingHub.Localization;

namespace TrainingHub.Features.Outbox;

/// <summary>Tells a trainee how their site's coordinator answered their request to join a group.</summary>
public sealed class GroupRequestAnswerEmail(TrainingHubDb db, IMailSender mail, CourseCatalog catalog, IOptions<InstituteOptions> institute)
    : IOutboxHandler<GroupRequestAnswered>
{
    public async Task HandleAsync(GroupRequestAnswered message, OutboxDelivery delivery, CancellationToken ct)
    {
        var request = await db.GroupRequests.AsNoTracking().SingleAsync(r => r.Id == message.RequestId, ct);
        var person = await db.Users.AsNoTracking().SingleAsync(u => u.Id == request.PersonId, ct);
        var coordinator = await db.Users.AsNoTracking().Where(u => u.Id == request.AnsweredById).Select(u => u.FullName).SingleAsync(ct);
        var course = catalog.Find(request.CourseId)?.Title ?? request.CourseId;
        var link = $"{institute.Value.PublicBaseUrl.TrimEnd('/')}/courses/{request.CourseId}";
        var words = Words.For(person.PreferredLanguage);
        string subject, body;
        if (request.Status == GroupRequestStatus.Accepted)
        {
            var group = await db.Cohorts.AsNoTracking().SingleAsync(c => c.Id == request.CohortId, ct);
            subject = words["You are in a group for {0}", course];
            body = string.Join("\n\n",
                words["Hello {0},", person.FullName],
                words["{0} added you to the group \"{1}\" for {2}. It starts on {3}.", coordinator, group.Name, course, words.Date(group.StartsOn)]
                    + (group.Schedule is null ? "" : "\n" + words["When it meets: {0}", group.Schedule]),
                words["Your live lessons now count when your facilitator records that you attended. See the course: {0}", link]);
        }
        else
        {
            subject = words["About your request to join a group for {0}", course];
            body = string.Join("\n\n",
                words["Hello {0},", person.FullName],
                words["{0} could not add you to a group for {1} yet.", coordinator, course],
                words["Their reason: {0}", request.DeclineReason],
                words["You can keep reading the lessons you take on your own, and ask again from the course page: {0}", link]);
        }
        await mail.SendAsync(new MailMessage(person.Email!, person.FullName, subject, body, SendKey: $"{delivery.MessageId}/{person.Id}"), ct);
    }
}
