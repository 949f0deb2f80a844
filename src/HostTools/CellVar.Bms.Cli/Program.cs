using System.CommandLine;
using CellVar.Bms.Cli.Commands;

namespace CellVar.Bms.Cli
{
    /// <summary>Entry point of <c>cellvar</c>: builds the verb tree and runs it.</summary>
    public static class Program
    {
        /// <summary>Runs one command line and returns its exit code.</summary>
        public static int Main(string[] args) => BuildRoot().Parse(args).Invoke();

        /// <summary>The root command with every verb; tests call this too.</summary>
        public static RootCommand BuildRoot()
        {
            var root = new RootCommand("cellvar: CellVar.Bms host tools — replay, models, analysis, service.");
            // One line per verb; each verb lives in its own file under Commands/.
            root.Subcommands.Add(VersionCommand.Create());
            root.Subcommands.Add(ProvisionCommand.Create());
            root.Subcommands.Add(CalibrateCommand.Create());
            root.Subcommands.Add(SimulateCommand.Create());
            root.Subcommands.Add(PackCommand.Create());
            root.Subcommands.Add(PriorsCommand.Create());
            root.Subcommands.Add(AgeingCommand.Create());
            root.Subcommands.Add(PboxCommand.Create());
            root.Subcommands.Add(CellCommand.Create());
            root.Subcommands.Add(ReplayCommand.Create());
            root.Subcommands.Add(RigLogCommand.Create());
            root.Subcommands.Add(FitCommand.Create());
            root.Subcommands.Add(SensitivityCommand.Create());
            root.Subcommands.Add(VarianceCommand.Create());
            root.Subcommands.Add(UpdatePriorsCommand.Create());
            root.Subcommands.Add(IdentifiabilityCommand.Create());
            root.Subcommands.Add(ServeCommand.Create());
            root.Subcommands.Add(EvaluateCommand.Create());
            root.Subcommands.Add(RigCommand.Create());
            root.Subcommands.Add(DemoCommand.Create());
            return root;
        }
    }
}
