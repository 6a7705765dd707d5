using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace TrainingHub.Cluster.Tests;

/// <summary>
/// A mail server just big enough for MailKit (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no TLS, no extensions), so
/// the two-node test can stand between a node handing a certificate e-mail over and the node recording it as sent. Each
/// message is recorded, with its Message-ID, the moment its DATA ends: from then on it counts as delivered, whatever
/// happens to the sender. Once <see cref="Hold"/> is called, the "250" for a certificate e-mail is held back for
/// <see cref="HoldFor"/>, so the sender is stuck between delivery and its own bookkeeping for that long.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Delivered> _delivered = new();
    private readonly Task _accepting;
    private volatile bool _holding;
    private int _held;

    public sealed record Delivered(string MessageId, string Subject, string To, bool Held);

    public SmtpSink(TimeSpan holdFor)
    {
        HoldFor = holdFor;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public TimeSpan HoldFor { get; }

    /// <summary>Every message whose DATA ended, in order.</summary>
    public IReadOnlyList<Delivered> Messages => [.. _delivered];

    /// <summary>Certificate e-mails delivered whose "250" is being held back (or was, until the sender went away).</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>From now on, hold back the reply to each certificate e-mail.</summary>
    public void Hold() => _holding = true;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var reader = new LineReader(stream);
            async Task Reply(string line) => await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"), _stop.Token);
            await Reply("220 sink.traininghub.test ESMTP test sink");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = (line.Length >= 4 ? line[..4] : line).ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                    case "HELO":
                        await Reply("250 sink.traininghub.test");
                        break;
                    case "MAIL":
                    case "RCPT":
                    case "RSET":
                    case "NOOP":
                        await Reply("250 OK");
                        break;
                    case "DATA":
                        await Reply("354 End data with <CR><LF>.<CR><LF>");
                        var data = new MemoryStream();
                        while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                        {
                            // Dot-stuffing undone (RFC 5321 4.5.2); the sender sends 7-bit text, so Latin-1 round-trips each byte.
                            var bytes = Encoding.Latin1.GetBytes(dataLine.StartsWith('.') ? dataLine[1..] : dataLine);
                            data.Write(bytes);
                            data.Write("\r\n"u8);
                        }
                        data.Position = 0;
                        var message = await MimeMessage.LoadAsync(data, _stop.Token);
                        var subject = message.Subject ?? "";
                        var hold = _holding && subject.StartsWith("Your certificate", StringComparison.Ordinal);
                        _delivered.Enqueue(new Delivered(message.MessageId ?? "", subject, message.To.Mailboxes.Single().Address, hold));
                        if (hold)
                        {
                            Interlocked.Increment(ref _held);
                            await Task.Delay(HoldFor, _stop.Token);
                        }
                        await Reply("250 OK queued");
                        break;
                    case "QUIT":
                        await Reply("221 Bye");
                        return;
                    default:
                        await Reply("502 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The sender went away (node A was killed while its reply was held back) or the sink is stopping.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    /// <summary>Reads CRLF-ended lines byte by byte through a buffer (a StreamReader would guess at an encoding).</summary>
    private sealed class LineReader(NetworkStream stream)
    {
        private readonly byte[] _buffer = new byte[8192];
        private int _start;
        private int _end;

        public async Task<string?> ReadLineAsync(CancellationToken ct)
        {
            var line = new MemoryStream();
            while (true)
            {
                if (_start == _end)
                {
                    _start = 0;
                    _end = await stream.ReadAsync(_buffer, ct);
                    if (_end == 0) return null;
                }
                var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (newline < 0)
                {
                    line.Write(_buffer, _start, _end - _start);
                    _start = _end;
                    continue;
                }
                line.Write(_buffer, _start, newline - _start);
                _start = newline + 1;
                var text = Encoding.Latin1.GetString(line.ToArray());
                return text.EndsWith('\r') ? text[..^1] : text;
            }
        }
    }
}
