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
            return root;
        }
    }
}
