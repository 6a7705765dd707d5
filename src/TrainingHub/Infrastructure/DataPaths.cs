using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TrainingHub.Infrastructure;

/// <summary>Resolves the local folders the application writes to and reads content from.</summary>
public sealed class DataPaths(IHostEnvironment environment, IOptions<DatabaseOptions> database, IOptions<ContentOptions> content)
{
    public string DataFolder { get; } = Resolve(environment.ContentRootPath, database.Value.DataFolder);

    public string ContentFolder { get; } = string.IsNullOrWhiteSpace(content.Value.Path)
        ? FindContentFolder(environment.ContentRootPath)
        : Resolve(environment.ContentRootPath, content.Value.Path);

    public string InDataFolder(string relativeOrAbsolute)
    {
        var path = Resolve(DataFolder, relativeOrAbsolute);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A file path inside the data folder (its folder created), or the absolute path given.</summary>
    public string InDataFolderFile(string relativeOrAbsolute)
    {
        var path = Resolve(DataFolder, relativeOrAbsolute);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    private static string Resolve(string root, string path) => Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(root, path));

    /// <summary>The nearest folder named "content" holding courses/, from the content root upwards (the repository layout).</summary>
    public static string FindContentFolder(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "content");
            if (Directory.Exists(Path.Combine(candidate, "courses"))) return candidate;
        }
        throw new InvalidOperationException(
            $"No 'content' folder with courses was found above '{start}'. Set Content:Path to the folder that holds courses/.");
    }
}
