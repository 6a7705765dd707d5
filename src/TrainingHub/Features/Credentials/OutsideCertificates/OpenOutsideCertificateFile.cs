using Microsoft.EntityFrameworkCore;
using Mediator;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;

namespace TrainingHub.Features.Credentials.OutsideCertificates;

/// <summary>The uploaded file of an outside certificate, for the trainee who uploaded it or an institute admin (whose look is audited).</summary>
public static class OpenOutsideCertificateFile
{
    public sealed record Command(string ActorId, Guid CertificateId) : ICommand<File>;

    public sealed record File(byte[] Content, string ContentType, string DownloadName);

    public sealed class Handler(TrainingHubDb db, SiteScope scope, OutsideCertificateFiles files, AuditTrail audit) : ICommandHandler<Command, File>
    {
        public async ValueTask<File> Handle(Command command, CancellationToken ct)
        {
            var certificate = await db.OutsideCertificates.AsNoTracking().SingleOrDefaultAsync(c => c.Id == command.CertificateId, ct)
                ?? throw new NotFoundException("There is no such certificate.");
            if (certificate.PersonId != command.ActorId)
            {
                if (!await scope.IsInstituteAdminAsync(command.ActorId, ct)) throw new NotFoundException("There is no such certificate.");
                audit.Record(command.ActorId, AuditActions.OutsideCertificateViewed, $"outside-certificate/{certificate.Id}");
                await db.SaveChangesAsync(ct);
            }
            var content = await files.ReadAsync(certificate.StoredFileName, ct);
            var name = Path.GetFileNameWithoutExtension(certificate.OriginalFileName) + Path.GetExtension(certificate.StoredFileName);
            return new File(content, certificate.ContentType, name);
        }
    }
}
