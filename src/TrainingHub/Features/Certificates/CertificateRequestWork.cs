using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Content;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Outbox;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Certificates;

/// <summary>The outbox work for a certificate request: issue it (exactly once).</summary>
public sealed class CertificateRequestWork(CertificateIssuer issuer) : IOutboxHandler<CertificateRequested>
{
    public Task HandleAsync(CertificateRequested message, OutboxDelivery delivery, CancellationToken ct) =>
        issuer.IssueAsync(message.EnrollmentId, message.CourseVersion, 1, null, null, ct);
}
