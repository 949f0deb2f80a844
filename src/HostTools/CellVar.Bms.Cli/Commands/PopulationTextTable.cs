using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace CellVar.Bms.Cli.Commands
{
    /// <summary>Plain aligned text tables for the population verbs (readable in logs and pipes, unlike width-limited console tables).</summary>
    internal sealed class PopulationTextTable
    {
        private readonly string[] _headers;
        private readonly List<string[]> _rows = new();

        public PopulationTextTable(params string[] headers) { _headers = headers; }

        public PopulationTextTable AddRow(params string[] cells)
        {
            _rows.Add(cells);
            return this;
        }

        public void Write(TextWriter w)
        {
            var widths = _headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => i < r.Length ? r[i].Length : 0))).ToArray();
            string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i])));
            w.WriteLine(Line(_headers));
            w.WriteLine(string.Join("  ", widths.Select(x => new string('-', x))));
            foreach (var r in _rows) w.WriteLine(Line(r));
        }
    }
}
