using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Email;
using TrainingHub.Infrastructure;

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
        string subject, body;
        if (request.Status == GroupRequestStatus.Accepted)
        {
            var group = await db.Cohorts.AsNoTracking().SingleAsync(c => c.Id == request.CohortId, ct);
            subject = $"You are in a group for {course}";
            body = $"""
                Hello {person.FullName},

                {coordinator} added you to the group "{group.Name}" for {course}. It starts on {group.StartsOn:d MMMM yyyy}.{(group.Schedule is null ? "" : $"\nWhen it meets: {group.Schedule}")}

                Your live lessons now count when your facilitator records that you attended. See the course: {link}
                """;
        }
        else
        {
            subject = $"About your request to join a group for {course}";
            body = $"""
                Hello {person.FullName},

                {coordinator} could not add you to a group for {course} yet.

                Their reason: {request.DeclineReason}

                You can keep reading the lessons you take on your own, and ask again from the course page: {link}
                """;
        }
        await mail.SendAsync(new MailMessage(person.Email!, person.FullName, subject, body, SendKey: $"{delivery.MessageId}/{person.Id}"), ct);
    }
}
