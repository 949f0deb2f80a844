using System.IO;
using CellVar.Bms.Cli;

namespace CellVar.Bms.Evaluation.Tests
{
    public class EvaluateCommandTests
    {
        [Fact]
        public void BadSuiteExitsWith2AndNamesTheField()
        {
            string path = Path.Combine(Path.GetTempPath(), "cellvar-bad-suite-" + System.Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(path, "{\"format\":\"cellvar-suite\",\"version\":1,\"scenarios\":[{\"kind\":\"weld_step\",\"sizes\":[\"big\"]}]}");
            try
            {
                var root = Program.BuildRoot();
                var outW = new StringWriter();
                var errW = new StringWriter();
                var parse = root.Parse(["evaluate", "--suite", path, "--quick"]);
                int code = parse.Invoke(new System.CommandLine.InvocationConfiguration { Output = outW, Error = errW });
                Assert.Equal(2, code);
                Assert.Contains("$.scenarios[0].sizes[0]: must be a number", errW.ToString());
            }
            finally { File.Delete(path); }
        }
    }
}
