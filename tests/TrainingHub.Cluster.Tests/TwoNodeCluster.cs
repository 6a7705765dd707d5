using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TrainingHub.Cluster.Tests;

/// <summary>
/// Two site processes (the Release build, Production settings) on one PostgreSQL database, each with a data folder of
/// its own so nothing is shared through the file system, behind nginx with a round-robin upstream and no stickiness.
/// nginx adds an X-Upstream header, so a test knows which node answered.
/// </summary>
public sealed class TwoNodeCluster : IAsyncDisposable
{
    public const string UpstreamHeader = "X-Upstream";

    private readonly string _folder;
    private Process? _nginx;

    public SiteNode A { get; }

    public SiteNode B { get; }

    public Uri Address { get; }

    private TwoNodeCluster(string folder, SiteNode a, SiteNode b, Uri address) => (_folder, A, B, Address) = (folder, a, b, address);

    public IEnumerable<SiteNode> Nodes => [A, B];

    /// <summary>The node an answer through nginx came from.</summary>
    public SiteNode NodeOf(HttpResponseMessage response)
    {
        var upstream = response.Headers.TryGetValues(UpstreamHeader, out var values) ? values.Last() : "";
        // After a failed try nginx lists every upstream it tried ("a, b"): the last one answered.
        var last = upstream.Split(',').Last().Trim();
        return Nodes.SingleOrDefault(n => n.Address.Authority == last)
            ?? throw new InvalidOperationException($"nginx said the answer came from '{upstream}', which is neither node.");
    }

    /// <param name="onlyA">Settings for node A alone, over <paramref name="settings"/> (the test sends A's mail to an SMTP sink).</param>
    public static async Task<TwoNodeCluster> StartAsync(string webProjectFolder, string folder, IReadOnlyDictionary<string, string> settings,
        IReadOnlyDictionary<string, string>? onlyA = null)
    {
        var site = Path.Combine(webProjectFolder, "bin", "Release", "net10.0", "TrainingHub.Web.dll");
        if (!File.Exists(site))
        {
            throw new InvalidOperationException($"{site} is missing: build the site in Release first (dotnet build TrainingHub.sln -c Release).");
        }
        var nginxPort = FreePort();
        var address = new Uri($"http://127.0.0.1:{nginxPort}");
        var a = new SiteNode("A", site, webProjectFolder, Path.Combine(folder, "node-a"), FreePort());
        var b = new SiteNode("B", site, webProjectFolder, Path.Combine(folder, "node-b"), FreePort());
        var cluster = new TwoNodeCluster(folder, a, b, address);
        try
        {
            foreach (var node in cluster.Nodes)
            {
                var nodeSettings = new Dictionary<string, string>(settings) { ["Institute__PublicBaseUrl"] = address.ToString().TrimEnd('/') };
                if (node == a) foreach (var (key, value) in onlyA ?? new Dictionary<string, string>()) nodeSettings[key] = value;
                node.Start(nodeSettings);
            }
            await Task.WhenAll(cluster.Nodes.Select(n => n.WaitUntilReadyAsync(TimeSpan.FromMinutes(3))));
            cluster._nginx = StartNginx(Path.Combine(folder, "nginx"), nginxPort, a, b);
            await WaitForAsync(address, cluster._nginx, Path.Combine(folder, "nginx", "error.log"), TimeSpan.FromSeconds(30));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private static Process StartNginx(string folder, int port, SiteNode a, SiteNode b)
    {
        Directory.CreateDirectory(folder);
        var executable = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx is not installed. Run tools/test.sh, which installs it, or: apt-get install nginx");
        // As root, nginx's workers would switch to an account that cannot write the temp folders in this 0700 folder.
        var user = Environment.UserName == "root" ? "user root;" : "";
        var config = Path.Combine(folder, "nginx.conf");
        File.WriteAllText(config, $$"""
            {{user}}
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 512; }
            http {
                access_log {{folder}}/access.log;
                client_body_temp_path {{folder}}/client-body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                client_max_body_size 20m;
                upstream traininghub {
                    # Round robin, no stickiness; a node that refuses a connection is tried again at once, not benched for 10 s.
                    server {{a.Address.Authority}} max_fails=0;
                    server {{b.Address.Authority}} max_fails=0;
                }
                server {
                    listen 127.0.0.1:{{port}};
                    location / {
                        proxy_pass http://traininghub;
                        proxy_set_header Host $http_host;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        add_header {{UpstreamHeader}} $upstream_addr always;
                    }
                }
            }
            """);
        var start = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-p", folder, "-e", Path.Combine(folder, "error.log"), "-c", config, "-g", "daemon off;" }) start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) File.AppendAllText(Path.Combine(folder, "error.log"), e.Data + "\n"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForAsync(Uri address, Process process, string log, TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"{address} stopped before it answered: {ReadAll(log)}");
            try
            {
                using var answer = await client.GetAsync(new Uri(address, "/account/sign-in"));
                if (answer.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            if (DateTime.UtcNow > until) throw new TimeoutException($"{address} did not answer within {timeout.TotalSeconds:F0} s: {ReadAll(log)}");
            await Task.Delay(250);
        }
    }

    internal static string ReadAll(string file) => File.Exists(file) ? File.ReadAllText(file) : "(no log)";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static void Signal(Process process, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { $"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
        kill.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (_nginx is { HasExited: false } nginx)
        {
            Signal(nginx, "QUIT");
            if (!nginx.WaitForExit(TimeSpan.FromSeconds(10))) nginx.Kill(entireProcessTree: true);
        }
        _nginx?.Dispose();
        await Task.WhenAll(Nodes.Select(n => n.StopAsync()));
    }

    public string NginxErrors() => ReadAll(Path.Combine(_folder, "nginx", "error.log"));

    /// <summary>One site process: its own data folder (SQLite is not used; keys, files and mail would be) and log file.</summary>
    public sealed class SiteNode(string name, string site, string contentRoot, string dataFolder, int port)
    {
        private Process? _process;
        private int _processId;

        public string Name { get; } = name;

        public Uri Address { get; } = new($"http://127.0.0.1:{port}");

        public string DataFolder { get; } = dataFolder;

        public string MailFolder => Path.Combine(DataFolder, "mail");

        public string LogFile => Path.Combine(DataFolder, "..", $"site-{Name}.log");

        public bool Killed { get; private set; }

        /// <summary>How the node's outbox leases begin (DispatchOutbox's owner is the process id, a slash and the run).</summary>
        public string LeasePrefix => $"{_processId}/";

        public override string ToString() => $"node {Name}";

        internal void Start(IReadOnlyDictionary<string, string> settings)
        {
            Directory.CreateDirectory(DataFolder);
            // Through a shell only to send both outputs to the log file; exec makes the site the process a SIGKILL reaches.
            var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = contentRoot };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add($"exec dotnet '{site}' --urls '{Address.ToString().TrimEnd('/')}' >'{LogFile}' 2>&1");
            foreach (var (key, value) in settings) start.Environment[key] = value;
            start.Environment["Database__DataFolder"] = DataFolder;
            _process = Process.Start(start)!;
            _processId = _process.Id;
        }

        internal Task WaitUntilReadyAsync(TimeSpan timeout) => WaitForAsync(Address, _process!, LogFile, timeout);

        /// <summary>SIGKILL: no shutdown, no lease given back, whatever it was doing is cut off.</summary>
        public void Kill()
        {
            _process!.Kill();
            _process.WaitForExit();
            Killed = true;
        }

        public string Log() => ReadAll(LogFile);

        internal async Task StopAsync()
        {
            if (_process is not { HasExited: false } process) return;
            Signal(process, "TERM");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
            }
        }
    }
}
