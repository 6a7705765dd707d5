using System.Security.Cryptography;
using TrainingHub.Features.Certificates.Badges;

namespace TrainingHub.Tests.Certificates;

public sealed class InstituteSigningKeyTests
{
    [Fact]
    public void First_use_creates_a_key_file_only_its_owner_can_read_and_later_uses_reuse_it()
    {
        using var scratch = new ScratchFolder();
        var path = Path.Combine(scratch.Path, "keys", "institute-signing.pem");

        string firstKid;
        using (var first = InstituteSigningKey.LoadOrCreate(path))
        {
            firstKid = first.KeyId;
        }
        using var again = InstituteSigningKey.LoadOrCreate(path);

        Assert.Equal(firstKid, again.KeyId);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(path), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        // The key and the lock file servers take turns through; no temporary file is left behind.
        Assert.Equal([path, path + ".lock"], Directory.GetFiles(Path.GetDirectoryName(path)!).Order());
    }

    [Fact]
    public void Servers_starting_together_end_up_with_one_key()
    {
        using var scratch = new ScratchFolder();
        var path = scratch.File("institute-signing.pem");

        var kids = Enumerable.Range(0, 8).AsParallel().WithDegreeOfParallelism(8)
            .Select(_ =>
            {
                using var key = InstituteSigningKey.LoadOrCreate(path);
                return key.KeyId;
            }).ToList();

        Assert.Single(kids.Distinct(StringComparer.Ordinal));
        Assert.Equal([path, path + ".lock"], Directory.GetFiles(scratch.Path).Order());
    }

    [Fact]
    public void An_existing_pem_key_is_loaded_as_it_is()
    {
        using var scratch = new ScratchFolder();
        var path = scratch.File("existing.pem");
        using var original = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(path, original.ExportECPrivateKeyPem());

        using var loaded = InstituteSigningKey.LoadOrCreate(path);

        Assert.Equal(original.ExportSubjectPublicKeyInfo(), loaded.Key.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public void A_key_on_another_curve_is_refused()
    {
        using var scratch = new ScratchFolder();
        var path = scratch.File("p384.pem");
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        File.WriteAllText(path, p384.ExportPkcs8PrivateKeyPem());

        Assert.Throws<ArgumentException>(() => InstituteSigningKey.LoadOrCreate(path));
    }
}
