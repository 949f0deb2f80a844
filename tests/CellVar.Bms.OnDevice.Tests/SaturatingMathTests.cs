using CellVar.Bms.OnDevice.FixedPoint;

namespace CellVar.Bms.OnDevice.Tests
{
    public class SaturatingMathTests
    {
        [Theory]
        [InlineData(1, 2, 3)]
        [InlineData(int.MaxValue, 1, int.MaxValue)]
        [InlineData(int.MinValue, -1, int.MinValue)]
        [InlineData(int.MaxValue, int.MinValue, -1)]
        public void Add_Clamps_Instead_Of_Wrapping(int a, int b, int expected)
            => Assert.Equal(expected, SaturatingMath.Add(a, b));
    }
}
