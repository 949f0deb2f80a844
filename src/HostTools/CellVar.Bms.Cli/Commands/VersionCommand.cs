using System.CommandLine;
using System.Reflection;

namespace CellVar.Bms.Cli.Commands
{
    /// <summary><c>cellvar version</c>: prints the tool's version.</summary>
    internal static class VersionCommand
    {
        public static Command Create()
        {
            var cmd = new Command("version", "Print the cellvar version.");
            cmd.SetAction(parse =>
            {
                string v = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
                parse.InvocationConfiguration.Output.WriteLine("cellvar " + v);
                return 0;
            });
            return cmd;
        }
    }
}
