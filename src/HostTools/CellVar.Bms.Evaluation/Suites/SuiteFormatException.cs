using System;

namespace CellVar.Bms.Evaluation.Suites
{
    /// <summary>A suite file is unusable; the message names the file and the JSON path of the bad value.</summary>
    public sealed class SuiteFormatException : Exception
    {
        /// <summary>Creates the error for <paramref name="source"/> at JSON path <paramref name="path"/>.</summary>
        public SuiteFormatException(string source, string path, string message)
            : base($"{source}: {path}: {message}")
        {
            Path = path;
        }

        /// <summary>JSON path of the offending value (e.g. <c>scenarios[2].sizes[0]</c>).</summary>
        public string Path { get; }
    }
}
