using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace CellVar.Bms.Provisioning.Boards
{
    /// <summary>Loads the board definitions in hardware/boards/*.json.</summary>
    public sealed class BoardCatalog
    {
        private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };
        private readonly Dictionary<string, BoardDefinition> _boards;

        private BoardCatalog(Dictionary<string, BoardDefinition> boards, string directory)
        {
            _boards = boards;
            Directory = directory;
        }

        /// <summary>The folder the definitions came from.</summary>
        public string Directory { get; }

        /// <summary>Board ids, sorted.</summary>
        public IReadOnlyList<string> Ids => _boards.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();

        /// <summary>Loads every *.json in <paramref name="directory"/>; a malformed file is an error naming the file.</summary>
        public static BoardCatalog Load(string directory)
        {
            if (!System.IO.Directory.Exists(directory))
                throw new ProvisioningException($"board folder '{directory}' does not exist (expected hardware/boards in the repository; pass --boards DIR)");
            var boards = new Dictionary<string, BoardDefinition>(StringComparer.Ordinal);
            foreach (string file in System.IO.Directory.GetFiles(directory, "*.json").OrderBy(f => f, StringComparer.Ordinal))
            {
                BoardDefinition? b;
                try
                {
                    b = JsonSerializer.Deserialize<BoardDefinition>(File.ReadAllText(file), Json);
                }
                catch (JsonException e)
                {
                    throw new ProvisioningException($"{Path.GetFileName(file)}: not a valid board definition: {e.Message}");
                }
                if (b == null || string.IsNullOrEmpty(b.Id))
                    throw new ProvisioningException($"{Path.GetFileName(file)}: missing \"id\"");
                if (b.Id != Path.GetFileNameWithoutExtension(file))
                    throw new ProvisioningException($"{Path.GetFileName(file)}: \"id\" is '{b.Id}' but must match the file name");
                if (b.Adc.MaxCount < 1 || b.Adc.NominalFullScale_mV < 1)
                    throw new ProvisioningException($"{Path.GetFileName(file)}: adc.maxCount and adc.nominalFullScale_mV must be positive");
                boards[b.Id] = b;
            }
            return new BoardCatalog(boards, directory);
        }

        /// <summary>
        /// Finds hardware/boards by walking up from <paramref name="start"/> (the current directory, then the tool's
        /// own folder), so the verb works from anywhere inside the repository.
        /// </summary>
        public static string? FindDefaultDirectory(string start)
        {
            foreach (string origin in new[] { start, AppContext.BaseDirectory })
            {
                for (DirectoryInfo? d = new DirectoryInfo(origin); d != null; d = d.Parent)
                {
                    string candidate = Path.Combine(d.FullName, "hardware", "boards");
                    if (System.IO.Directory.Exists(candidate))
                        return candidate;
                }
            }
            return null;
        }

        /// <summary>The board with id <paramref name="id"/>; unknown ids list the known ones.</summary>
        public BoardDefinition Get(string id)
        {
            if (_boards.TryGetValue(id, out BoardDefinition? b))
                return b;
            throw new ProvisioningException($"unknown board '{id}'; known boards: {string.Join(", ", Ids)} (definitions in {Directory})");
        }
    }
}
