using System.Linq;
using System.Numerics;
using System.Reflection;
using CellVar.Bms.OnDevice.Measurement;
using CellVar.Bms.Rig.Replay;
using Xunit;

namespace CellVar.Bms.Rig.Tests
{
    public class AlertNamesTests
    {
        /// <summary>
        /// Every single-bit flag the device defines has its own host spelling, so a flag added on the device (as
        /// <see cref="SampleFlags.Spread"/> was) cannot silently vanish from replay reports.
        /// </summary>
        [Fact]
        public void EveryDeviceSampleFlagBit_HasItsOwnName()
        {
            int[] bits = typeof(SampleFlags).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(int))
                .Select(f => (int)f.GetRawConstantValue()!)
                .Where(v => v > 0 && BitOperations.IsPow2(v))
                .ToArray();
            Assert.True(bits.Length >= 9, $"only {bits.Length} flag bits found");
            var names = bits.Select(b => Assert.Single(AlertNames.Flags(b))).ToList();
            Assert.Equal(names.Count, names.Distinct().Count());
            Assert.Equal(bits.Length, AlertNames.Flags(bits.Aggregate(0, (a, b) => a | b)).Count);
        }
    }
}
