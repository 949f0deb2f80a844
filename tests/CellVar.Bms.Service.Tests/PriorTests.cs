using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using CellVar.Bms.OnDevice.Communication;
using CellVar.Bms.Service.Priors;
using CellVar.Bms.Service.Simulation;
using CellVar.Bms.Service.Storage;

namespace CellVar.Bms.Service.Tests
{
    /// <summary>Prior conversion, the population update, and the prior loop end to end with monitors running the device code.</summary>
    public class PriorTests
    {
        private static CellRow Cell(string mon, int cell, int r_uOhm, int q_mAh, int t_dC, int flags = 0) =>
            new(mon, cell, 1, 0, 0, 3300, r_uOhm, q_mAh, t_dC, 0, 0, flags, false);

        [Fact]
        public void HostPayload_IsAcceptedByTheDeviceDecoder_WithTheSameValues()
        {
            var p = new DevicePrior(new QuantityPrior(20000, 600, 23100, null), new QuantityPrior(2500, 40, null, 2380), new QuantityPrior(0, 10, 50, null),
                new List<(int, QuantityPrior?, QuantityPrior?, QuantityPrior?)> { (3, new QuantityPrior(20400, 300, null, null), null, null) });
            p.Validate();
            byte[] wire = Encoding.ASCII.GetBytes(p.ToPayload("rig1-m01", 42));
            var decoded = new PriorMessage();
            var err = new DecodeError();
            Assert.Equal(DecodeStatus.Accepted, new PriorDecoder("rig1-m01").Decode(wire, wire.Length, decoded, err));
            Assert.Equal(42, decoded.Id);
            Assert.Equal((20000, 600, 23100), (decoded.Location[0], decoded.Scale[0], decoded.High[0]));
            Assert.Equal(PriorMessage.NoLimit, decoded.Low[0]);
            Assert.Equal(2380, decoded.Low[1]);
            Assert.Equal(20400, decoded.LocationFor(PriorMessage.Resistance_uOhm, 3));
        }

        [Fact]
        public void DevicePrior_Validate_NamesTheField()
        {
            var bad = new DevicePrior(new QuantityPrior(20000, 0, null, null), new QuantityPrior(2500, 40, null, null), new QuantityPrior(0, 10, null, null),
                Array.Empty<(int, QuantityPrior?, QuantityPrior?, QuantityPrior?)>());
            Assert.Contains("r.sd", Assert.Throws<ArgumentException>(bad.Validate).Message);
        }

        [Fact]
        public void PriorsFile_ConvertsPhysicalUnitsToDeviceUnits()
        {
            string path = Path.GetTempFileName();
            File.WriteAllText(path, """
                {"format":"cellvar-priors","version":1,"source":"test",
                 "quantities":[
                  {"name":"resistance","unit":"mOhm","family":"normal_defect_mixture","location":20.0,"scale":0.6,"df":null,"defect_weight":0.002,
                   "defect_location":22.0,"defect_scale":0.5,"false_alarm_per_cell_day":0.0001,"threshold_high":23.1,"threshold_low":null},
                  {"name":"capacity","unit":"Ah","family":"lognormal","location":2.5,"scale":0.02,"threshold_high":null,"threshold_low":2.38}],
                 "cells":[{"cell":3,"name":"resistance","location":20.4,"scale":0.3}]}
                """);
            DevicePrior p = PriorsFile.Load(path);
            Assert.Equal(new QuantityPrior(20000, 600, 23100, null), p.Resistance);
            Assert.Equal(new QuantityPrior(2500, 50, null, 2380), p.Capacity); // lognormal: sd = median · sigma = 2.5 Ah · 0.02
            Assert.Equal(PriorsFile.DefaultTemperatureRise, p.TemperatureRise);
            Assert.Equal(new QuantityPrior(20400, 300, null, null), Assert.Single(p.Cells).Resistance);
            File.WriteAllText(path, """{"format":"cellvar-priors","version":1,"quantities":[{"name":"resistance","unit":"mOhm","family":"normal","location":20,"scale":-1}]}""");
            Assert.Contains("scale", Assert.Throws<FormatException>(() => PriorsFile.Load(path)).Message);
            File.Delete(path);
        }

        [Fact]
        public void PopulationUpdate_RecoversLocationAndScale_AndIgnoresDefectsAndUnconvergedCells()
        {
            // 400 healthy cells N(20000, 600) µΩ plus 2 % defects at 30000 µΩ and a few unconverged garbage values.
            var rng = new Random(66);
            var cells = new List<CellRow>();
            for (int i = 0; i < 400; i++)
            {
                double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
                double z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                cells.Add(Cell("m" + (i / 16), i % 16 + 1, (int)(20000 + 600 * z), 2500 + (int)(40 * z), 250 + (int)(10 * z)));
            }
            for (int i = 0; i < 8; i++)
                cells.Add(Cell("bad", i + 1, 30000, 2500, 250));
            for (int i = 0; i < 5; i++)
                cells.Add(Cell("new", i + 1, 999999, 1, 900, flags: 8));
            DevicePrior p = new PopulationUpdate().Update(cells, null)!;
            // Median of 408 draws: sd ≈ 1.25·600/√408 ≈ 37 µΩ, plus the 8 defects shift the median by ≈ 0.02·600·1.25 ≈ 15 µΩ; 150 µΩ is > 3 sd.
            Assert.InRange(p.Resistance.Location, 19850, 20150);
            // MAD scale of ~400 normal draws has relative sd ≈ 1.65/√400 ≈ 8 %; allow 25 %.
            Assert.InRange(p.Resistance.Scale, 450, 750);
            double z4 = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 1 - 1e-4);
            Assert.Equal((long)Math.Round(p.Resistance.Location + z4 * p.Resistance.Scale), p.Resistance.High!.Value, 1.0);
            Assert.NotNull(p.Capacity.Low);
            Assert.Null(p.Capacity.High);
            Assert.Null(new PopulationUpdate().Update(cells.Take(5).ToList(), null)); // too few cells and no base prior
        }

        [Fact]
        public async Task PriorLoop_PublishesRetainedPriors_DevicesAnswer_AndTheAnswerIsRecorded()
        {
            await using var t = await TestService.StartAsync();
            var monitors = new List<SimulatedMonitor>();
            var rng = new Random(7);
            foreach (string id in TestService.MonitorIds)
            {
                var m = await SimulatedMonitor.ConnectAsync("127.0.0.1", t.MqttPort, "cellvar/v1", Golden.Site, id, TestService.Of(id).Value);
                TestService.ScatterHealthyCells(m, rng);
                m.PublishTelemetry();
                await m.Mqtt.FlushAsync();
                monitors.Add(m);
            }
            await t.WaitStoredAsync(4);

            using var resp = await t.Http.PostAsync("/api/priors/publish", null);
            resp.EnsureSuccessStatusCode();
            var sent = JsonDocument.Parse(await resp.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(2, sent.GetArrayLength());
            Assert.All(sent.EnumerateArray(), s => Assert.True(s.GetProperty("published").GetBoolean()));

            // Each simulated device decodes with the device code and answers on status; ingest marks the downlink accepted.
            await TestService.WaitUntilAsync(async () =>
                (await t.Service.Store.DownlinksAsync(null, "prior", 10)).Count(d => d.Status == "accepted") == 2, "both priors accepted");
            foreach (var m in monitors)
            {
                Assert.NotNull(m.Link.Prior);
                Assert.InRange(m.Link.Prior!.Location[PriorMessage.Resistance_uOhm], 19000, 21000);
            }
            var api = await t.GetJsonAsync("/api/priors?monitor=rig1-m01");
            Assert.Equal("accepted", api[0].GetProperty("status").GetString());

            // A prior the device must refuse (sd 0): the previous one stays in force, and the refusal with its field is recorded.
            int before = monitors[0].Link.Prior!.Id;
            var (downlinkId, id2, payload) = await t.Service.Store.CreateDownlinkAsync("rig1-m01", "prior", "test", i =>
                Encoding.UTF8.GetString(Golden.Bytes("prior-out-of-range.json")).Replace("\"id\":18", $"\"id\":{i}"), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            Assert.True(await t.Service.Client.PublishRetainedAsync(TestService.Topic("rig1-m01", "prior"), Encoding.UTF8.GetBytes(payload)));
            await TestService.WaitUntilAsync(async () =>
                (await t.Service.Store.DownlinksAsync("rig1-m01", "prior", 10)).Any(d => d.MessageId == id2 && d.Status == "rejected"), "bad prior rejected");
            var rejected = (await t.Service.Store.DownlinksAsync("rig1-m01", "prior", 10)).First(d => d.MessageId == id2);
            Assert.Equal(("range", "r.sd"), (rejected.Error, rejected.Field));
            Assert.Equal(before, monitors[0].Link.Prior!.Id);

            // A device that reconnects gets the retained prior again without asking.
            await monitors[1].DisposeAsync();
            var again = await SimulatedMonitor.ConnectAsync("127.0.0.1", t.MqttPort, "cellvar/v1", Golden.Site, "rig1-m02", TestService.Of("rig1-m02").Value, firstSequence: 100);
            await TestService.WaitUntilAsync(() => Task.FromResult(again.Link.Prior != null), "retained prior delivered on reconnect");
            await again.DisposeAsync();
            await monitors[0].DisposeAsync();
        }
    }
}
