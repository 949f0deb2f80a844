namespace CellVar.Bms.Provisioning.Boards
{
    /// <summary>Where the firmware finds its configuration and keeps the last accepted prior.</summary>
    public sealed class BoardStorage
    {
        /// <summary>Drive letter, e.g. <c>I:</c>.</summary>
        public string Drive { get; set; } = "I:";
        /// <summary>Device path of the configuration file.</summary>
        public string ConfigPath { get; set; } = "I:\\cellvar.json";
        /// <summary>Device path of the persisted prior.</summary>
        public string PriorPath { get; set; } = "I:\\prior.json";
        /// <summary>Remarks.</summary>
        public string? Notes { get; set; }
    }
}
