using System.IO;
using CellVar.Bms.Model.Profiles;

namespace CellVar.Bms.Model.Tests
{
    public sealed class ProfileTests
    {
        private static CurrentProfile Parse(string text) => CurrentProfileCsv.Parse(new StringReader(text), "p.csv");

        [Fact]
        public void Reads_header_comments_and_extra_columns()
        {
            var p = Parse("# a comment\nnote,Time_s,current_A\nx,0,0\n\ny,2,2.5\nz,10,2.5\n");
            Assert.Equal(new[] { 0.0, 2.0, 10.0 }, p.Time_s);
            Assert.Equal(2.5, p.Current_A[1]);
            Assert.Equal(2, p.SegmentCount);
        }

        [Theory]
        [InlineData("t,i\n0,1\n1,1\n", "p.csv:1:0", "header")]
        [InlineData("time_s,current_A\n0,1\n1,abc\n", "p.csv:3:2", "'abc'")]
        [InlineData("time_s,current_A\n0,1\n0,1\n", "p.csv:3:1", "not after")]
        [InlineData("time_s,current_A\n0,1\n1\n", "p.csv:3:2", "missing field")]
        [InlineData("time_s,current_A\n0,1\n", "p.csv", "at least two rows")]
        [InlineData("", "p.csv:1:0", "empty")]
        [InlineData("time_s,current_A\n-1,1\n1,1\n", "p.csv:2:1", "negative")]
        public void Bad_input_names_line_and_column(string text, string location, string problem)
        {
            var e = Assert.Throws<ProfileFormatException>(() => Parse(text));
            Assert.StartsWith(location, e.Message);
            Assert.Contains(problem, e.Message);
        }

        [Fact]
        public void Steps_builds_consecutive_segments()
        {
            var p = CurrentProfile.Steps((2, 0.0), (2400, 2.5), (1200, -2.5));
            Assert.Equal(new[] { 0.0, 2.0, 2402.0, 3602.0 }, p.Time_s);
            Assert.Equal(new[] { 0.0, 2.5, -2.5, -2.5 }, p.Current_A);
        }
    }
}
