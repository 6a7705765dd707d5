namespace TrainingHub.Web.Infrastructure;

public static class UploadReading
{
    /// <summary>
    /// Reads an uploaded file into memory, at most <paramref name="limit"/> bytes: enough for a handler to refuse an
    /// oversized file by its declared size without the whole of it ever being held.
    /// </summary>
    public static async Task<byte[]?> ReadUpToAsync(IFormFile? file, long limit, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return null;
        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
