using CellVar.Bms.Evaluation.Suites;

namespace CellVar.Bms.Evaluation.Tests
{
    /// <summary>Runs the shipped suite with --quick once for every test that needs its result (≈ 20–40 s on 2 cores).</summary>
    public sealed class QuickSuiteFixture
    {
        public QuickSuiteFixture()
        {
            Suite = SuiteReader.ReadFile(SuiteReaderTests.StandardSuitePath);
            Result = SuiteEvaluator.Run(Suite, quick: true);
        }

        public SuiteDefinition Suite { get; }
        public EvaluationResult Result { get; }
    }
}
