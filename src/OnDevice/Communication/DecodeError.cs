namespace CellVar.Bms.OnDevice.Communication
{
    /// <summary>
    /// Why the last decode failed: the status, the field (as its parent key and key, e.g. <c>r</c> + <c>sd</c>)
    /// and the byte offset where the problem was seen. Reused between messages, so it never allocates.
    /// </summary>
    public sealed class DecodeError
    {
        /// <summary>Outcome of the last decode.</summary>
        public DecodeStatus Status;

        /// <summary>Parent object key of the offending field (ASCII), or null at top level.</summary>
        public byte[] ParentKey;

        /// <summary>Key of the offending field (ASCII), or null when the problem is not tied to a field.</summary>
        public byte[] Key;

        /// <summary>Byte offset in the payload where the problem was detected.</summary>
        public int Offset;

        /// <summary>Clears the record before a new decode.</summary>
        public void Clear()
        {
            Status = DecodeStatus.Accepted;
            ParentKey = null;
            Key = null;
            Offset = 0;
        }

        /// <summary>Records a failure and returns its status, so decoders can <c>return err.Fail(...)</c>.</summary>
        public DecodeStatus Fail(DecodeStatus status, byte[] parentKey, byte[] key, int offset)
        {
            Status = status;
            ParentKey = parentKey;
            Key = key;
            Offset = offset;
            return status;
        }
    }
}
