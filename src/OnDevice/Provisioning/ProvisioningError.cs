namespace CellVar.Bms.OnDevice.Provisioning
{
    /// <summary>
    /// Why the configuration file was refused: a status code, the JSON path of the field (e.g. <c>cells[3].gain_Q16</c>),
    /// the byte offset where the problem was seen and a sentence for the technician. Parsing runs once at boot,
    /// so building these strings is allowed to allocate.
    /// </summary>
    public sealed class ProvisioningError
    {
        /// <summary>Outcome of the last parse.</summary>
        public ProvisioningStatus Status;
        /// <summary>JSON path of the offending field, or empty when not tied to a field.</summary>
        public string Field = string.Empty;
        /// <summary>Byte offset in the file where the problem was detected.</summary>
        public int Offset;
        /// <summary>Human-readable reason.</summary>
        public string Message = string.Empty;

        /// <summary>Resets to <see cref="ProvisioningStatus.Ok"/>.</summary>
        public void Clear()
        {
            Status = ProvisioningStatus.Ok;
            Field = string.Empty;
            Offset = 0;
            Message = string.Empty;
        }

        /// <summary>Records a failure (the first one wins) and returns its status.</summary>
        public ProvisioningStatus Fail(ProvisioningStatus status, string field, int offset, string message)
        {
            if (Status != ProvisioningStatus.Ok)
                return Status;
            Status = status;
            Field = field == null ? string.Empty : field;
            Offset = offset;
            Message = message == null ? string.Empty : message;
            return status;
        }

        /// <summary>Numeric code for the state message and logs (the <see cref="ProvisioningStatus"/> value; enum names are not available on the device).</summary>
        public int Code => (int)Status;

        /// <summary>One line: <c>E6 Range at byte 120 (cells[2].ch): ...</c>.</summary>
        public override string ToString()
        {
            if (Status == ProvisioningStatus.Ok)
                return "ok";
            return "E" + Code.ToString() + " " + StatusName(Status) + " at byte " + Offset.ToString()
                + (Field.Length > 0 ? " (" + Field + ")" : string.Empty) + ": " + Message;
        }

        /// <summary>English name of a status (enum ToString returns the number on nanoFramework).</summary>
        public static string StatusName(ProvisioningStatus s)
        {
            switch (s)
            {
                case ProvisioningStatus.Ok: return "Ok";
                case ProvisioningStatus.Json: return "Json";
                case ProvisioningStatus.TooLarge: return "TooLarge";
                case ProvisioningStatus.Version: return "Version";
                case ProvisioningStatus.Missing: return "Missing";
                case ProvisioningStatus.Type: return "Type";
                case ProvisioningStatus.Range: return "Range";
                case ProvisioningStatus.Duplicate: return "Duplicate";
                default: return "Inconsistent";
            }
        }
    }
}
