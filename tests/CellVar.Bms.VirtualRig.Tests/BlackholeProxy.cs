using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace CellVar.Bms.VirtualRig.Tests
{
    /// <summary>
    /// Loopback TCP proxy that can black-hole the path like a dead Wi-Fi link or a pulled cable: while cut, bytes in both
    /// directions are swallowed and new connections are accepted but never reach the broker, so neither side sees a
    /// close — they must notice through MQTT keep-alive and connect timeouts. When the path comes back, every connection
    /// that lived through the cut is reset, as a real TCP stack does once its retransmissions meet a peer that long
    /// since dropped the session.
    /// </summary>
    internal sealed class BlackholeProxy : IAsyncDisposable
    {
        private sealed class Pair(TcpClient client, TcpClient? upstream)
        {
            public readonly TcpClient Client = client;
            public readonly TcpClient? Upstream = upstream;
            public volatile bool Poisoned;
        }

        private readonly TcpListener _listener;
        private readonly string _targetHost;
        private readonly int _targetPort;
        private readonly List<Pair> _pairs = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _accept;
        private volatile bool _cut;
        private volatile bool _muteFromBroker;
        private long _swallowed_B, _connections, _blackholedConnections;

        public BlackholeProxy(string targetHost, int targetPort)
        {
            _targetHost = targetHost;
            _targetPort = targetPort;
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _accept = Task.Run(AcceptAsync);
        }

        /// <summary>Port clients connect to.</summary>
        public int Port { get; }

        /// <summary>Bytes swallowed while cut (both directions) or muted.</summary>
        public long Swallowed_B => Interlocked.Read(ref _swallowed_B);

        /// <summary>Connections accepted in total, and those accepted while cut (they never reached the broker).</summary>
        public (long Total, long WhileCut) Connections => (Interlocked.Read(ref _connections), Interlocked.Read(ref _blackholedConnections));

        /// <summary>Cuts the path: from now on nothing passes, in either direction, on old or new connections.</summary>
        public void Cut()
        {
            lock (_pairs)
            {
                _cut = true;
                foreach (var p in _pairs) p.Poisoned = true;
            }
        }

        /// <summary>
        /// One-way loss: while on, bytes from the broker to the clients are swallowed but clients' bytes (and closes) still
        /// reach the broker, so the broker sees exactly how a client gives up on a connection that stopped answering.
        /// </summary>
        public void MuteFromBroker(bool on) => _muteFromBroker = on;

        /// <summary>Restores the path and resets every connection that was open during the cut.</summary>
        public void Restore()
        {
            List<Pair> dead;
            lock (_pairs)
            {
                _cut = false;
                dead = _pairs.FindAll(p => p.Poisoned);
                _pairs.RemoveAll(p => p.Poisoned);
            }
            foreach (var p in dead) Reset(p);
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient c;
                try { c = await _listener.AcceptTcpClientAsync(_stop.Token); }
                catch (Exception) { return; }
                Interlocked.Increment(ref _connections);
                Pair pair;
                if (_cut)
                {
                    Interlocked.Increment(ref _blackholedConnections);
                    pair = new Pair(c, null) { Poisoned = true };
                }
                else
                {
                    var up = new TcpClient();
                    try { await up.ConnectAsync(_targetHost, _targetPort, _stop.Token); }
                    catch (Exception) { up.Dispose(); c.Dispose(); continue; }
                    pair = new Pair(c, up);
                }
                lock (_pairs)
                {
                    if (_cut) pair.Poisoned = true;
                    _pairs.Add(pair);
                }
                _ = PumpAsync(pair, pair.Client, pair.Upstream);
                if (pair.Upstream != null) _ = PumpAsync(pair, pair.Upstream, pair.Client);
            }
        }

        private async Task PumpAsync(Pair pair, TcpClient from, TcpClient? to)
        {
            byte[] buf = new byte[16 * 1024];
            try
            {
                NetworkStream src = from.GetStream();
                while (true)
                {
                    int n = await src.ReadAsync(buf, _stop.Token);
                    if (n == 0) break;
                    if (pair.Poisoned || to == null || (_muteFromBroker && ReferenceEquals(from, pair.Upstream)))
                        Interlocked.Add(ref _swallowed_B, n);
                    else
                        await to.GetStream().WriteAsync(buf.AsMemory(0, n), _stop.Token);
                }
            }
            catch (Exception) { /* reset by Restore or by the peer */ }
            // A close during the cut is not seen by the other side (the path is dead); otherwise pass it on.
            if (!pair.Poisoned)
            {
                lock (_pairs) _pairs.Remove(pair);
                Reset(pair);
            }
        }

        private static void Reset(Pair p)
        {
            foreach (var c in new[] { p.Client, p.Upstream })
            {
                if (c == null) continue;
                try { c.Client.LingerState = new LingerOption(true, 0); } catch (Exception) { }
                c.Dispose();
            }
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            try { await _accept; } catch (Exception) { }
            List<Pair> all;
            lock (_pairs) { all = [.. _pairs]; _pairs.Clear(); }
            foreach (var p in all) Reset(p);
            _stop.Dispose();
        }
    }
}
