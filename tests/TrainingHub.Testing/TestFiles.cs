using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace TrainingHub.Testing;

/// <summary>Real files made in the test: PDFs with a correct cross-reference table, and PNGs a decoder reads.</summary>
public static class TestFiles
{
    /// <summary>A one-page PDF with nothing active in it.</summary>
    public static byte[] PlainPdf(string? note = null) => Pdf(note, catalogExtra: "", extraObjects: []);

    /// <summary>A PDF that runs JavaScript when opened (/OpenAction with a /JavaScript action).</summary>
    public static byte[] PdfWithOpenActionJavaScript() =>
        Pdf(null, "/OpenAction 4 0 R", ["<< /Type /Action /S /JavaScript /JS (app.alert\\('opened'\\);) >>"]);

    /// <summary>A PDF that starts another program when opened (/OpenAction with a /Launch action).</summary>
    public static byte[] PdfWithLaunchAction() =>
        Pdf(null, "/OpenAction 4 0 R", ["<< /Type /Action /S /Launch /F (calc.exe) >>"]);

    /// <summary>A PDF with a file attached inside it (/EmbeddedFiles in the catalog's name tree).</summary>
    public static byte[] PdfWithEmbeddedFile() =>
        Pdf(null, "/Names << /EmbeddedFiles << /Names [(notes.txt) 4 0 R] >> >>",
            ["<< /Type /Filespec /F (notes.txt) /EF << /F 5 0 R >> >>", "<< /Type /EmbeddedFile /Length 5 >>\nstream\nhello\nendstream"]);

    private static byte[] Pdf(string? note, string catalogExtra, string[] extraObjects)
    {
        var objects = new List<string>
        {
            $"<< /Type /Catalog /Pages 2 0 R {catalogExtra} >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        };
        objects.AddRange(extraObjects);
        var pdf = new StringBuilder("%PDF-1.4\n");
        if (note is not null) pdf.Append("% ").Append(note).Append('\n');
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) pdf.Append($"{offset:D10} 00000 n \n");
        pdf.Append($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>A blank black-and-white PNG of the given size: a 30,000 × 30,000 one is about 110 KB, as its rows are all zero.</summary>
    public static byte[] BlankPng(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 1; // bit depth 1, grey, no interlace
        Chunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                var row = new byte[1 + (width + 7) / 8];
                for (var y = 0; y < height; y++) zlib.Write(row);
            }
            Chunk(png, "IDAT", compressed.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
