using System;
using System.Linq;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Protocol;

namespace CellVar.Bms.Service.Tests
{
    /// <summary>The embedded broker refuses clients without valid credentials and keeps each monitor in its own subtree.</summary>
    public class EmbeddedBrokerAuthTests
    {
        private static async Task<MqttClientConnectResultCode> TryConnectAsync(int port, string clientId, string? user, string? password)
        {
            using IMqttClient c = new MqttClientFactory().CreateMqttClient();
            var b = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId).WithTimeout(TimeSpan.FromSeconds(10));
            if (user != null)
                b = b.WithCredentials(user, password);
            return (await c.ConnectAsync(b.Build())).ResultCode;
        }

        [Fact]
        public async Task ClientsWithoutValidCredentials_AreRefused()
        {
            await using var t = await TestService.StartAsync();
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await TryConnectAsync(t.MqttPort, "rig1-m01", null, null));
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await TryConnectAsync(t.MqttPort, "rig1-m01", "rig1-m01", "wrong"));
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await TryConnectAsync(t.MqttPort, "rig9-m99", "rig9-m99", "pw-rig9-m99"));
            // Right password, but posing under another monitor's client id (would take over its session and last will).
            Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, await TryConnectAsync(t.MqttPort, "rig1-m02", "rig1-m01", TestService.Of("rig1-m01").Value));
            Assert.Equal(MqttClientConnectResultCode.Success, await TryConnectAsync(t.MqttPort, "rig1-m01", "rig1-m01", TestService.Of("rig1-m01").Value));
            Assert.Equal(4, t.Service.Broker!.RefusedConnections);
        }

        [Fact]
        public async Task MonitorPublishingIntoAnotherSubtree_IsRefused_AndNothingIsStoredForTheVictim()
        {
            await using var t = await TestService.StartAsync();
            using var m1 = await TestService.ClientAsync(t.MqttPort, "rig1-m01", "rig1-m01", TestService.Of("rig1-m01").Value);
            byte[] forged = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(Golden.Bytes("alert-raised.json")).Replace("rig1-m01", "rig1-m02"));
            var r = await TestService.PublishAsync(m1, TestService.Topic("rig1-m02", "alert"), forged);
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, r.ReasonCode);
            // Writing a prior (host → device) is the service's privilege, even into the monitor's own subtree.
            var p = await TestService.PublishAsync(m1, TestService.Topic("rig1-m01", "prior"), Golden.Bytes("prior.json"), retain: true);
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, p.ReasonCode);
            // Outside the protocol tree entirely.
            var x = await TestService.PublishAsync(m1, "other/topic", new byte[] { 1 });
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, x.ReasonCode);
            // Its own alert goes through, proving the connection itself works.
            var ok = await TestService.PublishAsync(m1, TestService.Topic("rig1-m01", "alert"), Golden.Bytes("alert-raised.json"));
            Assert.True(ok.IsSuccess);
            await t.WaitStoredAsync(1);
            Assert.Equal(3, t.Service.Broker!.RefusedPublishes);
            var monitors = await t.Service.Store.MonitorsAsync(0, 1000);
            Assert.Equal(new[] { "rig1-m01" }, monitors.Select(m => m.MonitorId));
        }

        [Fact]
        public async Task MonitorMayReadOnlyItsOwnPriorAndConfig()
        {
            await using var t = await TestService.StartAsync();
            using var m1 = await TestService.ClientAsync(t.MqttPort, "rig1-m01", "rig1-m01", TestService.Of("rig1-m01").Value);
            var r = await m1.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(TestService.Topic("rig1-m01", "prior"), MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTopicFilter(TestService.Topic("rig1-m01", "config"), MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTopicFilter(TestService.Topic("rig1-m02", "prior"), MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTopicFilter("cellvar/v1/#", MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTopicFilter(TestService.Topic("rig1-m01", "telemetry"), MqttQualityOfServiceLevel.AtLeastOnce)
                .Build());
            var codes = r.Items.Select(i => i.ResultCode).ToArray();
            Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, codes[0]);
            Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, codes[1]);
            Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, codes[2]);
            Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, codes[3]);
            Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, codes[4]);
        }
    }
}
