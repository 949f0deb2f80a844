using System;
using System.Collections.Generic;
using System.Text;

namespace CellVar.Bms.Firmware.Tests.Support
{
    /// <summary>
    /// An <see cref="IMqttClientPort"/> the test drives by hand: it records every call the session's network thread makes
    /// (connects, subscribes, publishes with the id it returned), numbers publishes from 1 per connection like a fresh
    /// M2Mqtt client, answers nothing on its own, and can refuse connects, throw on publish or lose its connection.
    /// </summary>
    internal sealed class ScriptedClientPort : IMqttClientPort
    {
        private readonly object _lock = new();
        private readonly List<(int Connection, string Topic, string Payload, int Qos, int Id)> _published = new();
        private IMqttClientEvents _events;
        private int _connection;
        private int _nextId;
        private bool _open;

        /// <summary>Connect attempts fail while set.</summary>
        public volatile bool RefuseConnects;
        /// <summary>The next publish throws (as M2Mqtt's does on a dead socket or a full in-flight queue), then this clears.</summary>
        public volatile bool ThrowOnNextPublish;
        public int ConnectAttempts { get; private set; }
        public int Subscribes { get; private set; }
        public int Closes { get; private set; }
        /// <summary>The connection number the session gave the last successful connect.</summary>
        public int Connection { get { lock (_lock) return _connection; } }

        public List<(int Connection, string Topic, string Payload, int Qos, int Id)> Published
        {
            get { lock (_lock) return new(_published); }
        }

        public bool IsConnected { get { lock (_lock) return _open; } }

        public bool Connect(IMqttClientEvents events, int connection)
        {
            lock (_lock)
            {
                ConnectAttempts++;
                if (RefuseConnects)
                    return false;
                _events = events;
                _connection = connection;
                _nextId = 0;
                _open = true;
                return true;
            }
        }

        public int Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            lock (_lock)
            {
                if (!_open)
                    throw new InvalidOperationException("not connected");
                if (ThrowOnNextPublish)
                {
                    ThrowOnNextPublish = false;
                    throw new InvalidOperationException("in-flight queue full");
                }
                int id = ++_nextId;
                _published.Add((_connection, topic, Encoding.ASCII.GetString(payload, 0, length), qos, id));
                return id;
            }
        }

        public void Subscribe(string[] topicFilters, int[] qos, int count)
        {
            lock (_lock)
                Subscribes++;
        }

        public void Close()
        {
            lock (_lock)
            {
                _open = false;
                Closes++;
            }
        }

        /// <summary>The connection dies under the client (RST, keep-alive failure): it reports itself closed.</summary>
        public void Drop()
        {
            int c;
            lock (_lock)
            {
                _open = false;
                c = _connection;
            }
            _events.OnConnectionClosed(c);
        }

        /// <summary>The broker's PUBACK for message <paramref name="id"/> of connection <paramref name="connection"/>.</summary>
        public void Ack(int connection, int id) => _events.OnPublished(connection, id, true);
    }
}
