using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Data;
using TrainingHub.Domain;
using TrainingHub.Features.Shared;
using TrainingHub.Infrastructure;

namespace TrainingHub.Features.Credentials.OutsideCertificates;

/// <summary>The kinds of file an outside certificate may be, told apart by their first bytes, never by name or declared type.</summary>
public enum OutsideCertificateFileKind { Pdf, Png, Jpeg }

/// <summary>
/// Outside certificates' files, each under a name of our making. They are kept in the database, so every server of the
/// site serves a file uploaded through any of them; files uploaded before that were kept in the data folder's
/// outside-certificates/ and are still read from there.
/// </summary>
public sealed class OutsideCertificateFiles(TrainingHubDb db, DataPaths paths, TimeProvider clock)
{
    public const string FolderName = "outside-certificates";

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];

    /// <summary>What the file really is, from its first bytes; null for anything else (a Word file, a web page, a program).</summary>
    public static OutsideCertificateFileKind? Detect(ReadOnlySpan<byte> content) =>
        content.StartsWith(PdfMagic) ? OutsideCertificateFileKind.Pdf
        : content.StartsWith(PngMagic) ? OutsideCertificateFileKind.Png
        : content.StartsWith(JpegMagic) ? OutsideCertificateFileKind.Jpeg
        : null;

    public static string ContentType(OutsideCertificateFileKind kind) => kind switch
    {
        OutsideCertificateFileKind.Pdf => "application/pdf",
        OutsideCertificateFileKind.Png => "image/png",
        _ => "image/jpeg",
    };

    public static string Extension(OutsideCertificateFileKind kind) => kind switch
    {
        OutsideCertificateFileKind.Pdf => ".pdf",
        OutsideCertificateFileKind.Png => ".png",
        _ => ".jpg",
    };

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Adds the file to the caller's unit of work: it is saved with the record that names it, or not at all.</summary>
    public void Add(string storedFileName, string contentType, byte[] content) =>
        db.StoredFiles.Add(new StoredFile { Name = Path.GetFileName(storedFileName), ContentType = contentType, Content = content, StoredAt = clock.GetUtcNow().UtcDateTime });

    public async Task<byte[]> ReadAsync(string storedFileName, CancellationToken ct)
    {
        var stored = await db.StoredFiles.AsNoTracking().Where(f => f.Name == storedFileName).Select(f => f.Content).SingleOrDefaultAsync(ct);
        if (stored is not null) return stored;
        var path = PathOf(storedFileName);
        if (!File.Exists(path)) throw new NotFoundException("The certificate file is missing. Ask the trainee to upload it again.");
        return await File.ReadAllBytesAsync(path, ct);
    }

    private string PathOf(string storedFileName)
    {
        // Names are ours (a guid and an extension), but a path never leaves the folder whatever a row says.
        var name = Path.GetFileName(storedFileName);
        if (name != storedFileName || name.Length == 0) throw new InvalidOperationException($"'{storedFileName}' is not a stored certificate name.");
        return Path.Combine(paths.InDataFolder(FolderName), name);
    }
}
