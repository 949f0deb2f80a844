using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using CellVar.Bms.OnDevice.Communication;
using MQTTnet;
using MQTTnet.Protocol;

namespace CellVar.Bms.Service.Simulation
{
    /// <summary>
    /// <see cref="IMqttLink"/> over an MQTTnet client, so simulated monitors run the real device protocol code
    /// (<see cref="MonitorLink"/>). Publishes are started without waiting; <see cref="FlushAsync"/> waits for all of them.
    /// </summary>
    public sealed class MqttNetLink : IMqttLink
    {
        private readonly IMqttClient _client;
        private readonly ConcurrentQueue<Task<MqttClientPublishResult>> _pending = new();
        private long _failed;

        /// <summary>Wraps a (connected) client; received messages go to <paramref name="handler"/>.</summary>
        public MqttNetLink(IMqttClient client, IMqttMessageHandler handler)
        {
            _client = client;
            _client.ApplicationMessageReceivedAsync += e =>
            {
                byte[] b = e.ApplicationMessage.Payload.IsEmpty ? Array.Empty<byte>() : System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload);
                lock (this)
                    handler.OnMessage(e.ApplicationMessage.Topic, b, b.Length);
                return Task.CompletedTask;
            };
        }

        /// <inheritdoc />
        public bool IsConnected => _client.IsConnected && !SimulateOutage;

        /// <summary>While true the link reports "not connected": the device drops messages (consuming sequence numbers), as during a Wi-Fi outage.</summary>
        public bool SimulateOutage { get; set; }

        /// <summary>Publishes refused by the broker or failed on the wire.</summary>
        public long Failed => Interlocked.Read(ref _failed);

        /// <inheritdoc />
        public bool Publish(string topic, byte[] payload, int length, int qos, bool retain)
        {
            var msg = new MqttApplicationMessageBuilder().WithTopic(topic)
                .WithPayload(new ArraySegment<byte>(payload, 0, length).ToArray())
                .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos).WithRetainFlag(retain).Build();
            _pending.Enqueue(_client.PublishAsync(msg));
            if (_pending.Count > 256)
                Reap();
            return true;
        }

        /// <inheritdoc />
        public bool Subscribe(string topicFilter, int qos)
        {
            var r = _client.SubscribeAsync(topicFilter, (MqttQualityOfServiceLevel)qos).GetAwaiter().GetResult();
            foreach (var item in r.Items)
                if ((int)item.ResultCode > 2)
                    return false;
            return true;
        }

        /// <summary>Waits for every publish started so far; returns how many failed or were refused in total.</summary>
        public async Task<long> FlushAsync()
        {
            while (_pending.TryDequeue(out var t))
                await Observe(t);
            return Failed;
        }

        private void Reap()
        {
            while (_pending.TryPeek(out var t) && t.IsCompleted && _pending.TryDequeue(out t))
                _ = Observe(t);
        }

        private async Task Observe(Task<MqttClientPublishResult> t)
        {
            try
            {
                if (!(await t).IsSuccess)
                    Interlocked.Increment(ref _failed);
            }
            catch
            {
                Interlocked.Increment(ref _failed);
            }
        }
    }
}
