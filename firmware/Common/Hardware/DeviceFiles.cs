using System;
using System.IO;

namespace CellVar.Bms.Firmware.Hardware
{
    /// <summary>Whole-file reads and writes on the device's file system (System.IO.FileSystem: FileStream, File).</summary>
    public static class DeviceFiles
    {
        /// <summary><see cref="ReadAll"/>: the file does not exist.</summary>
        public const int Missing = -1;
        /// <summary><see cref="ReadAll"/>: the file is larger than the buffer.</summary>
        public const int TooLarge = -2;
        /// <summary><see cref="ReadAll"/>: the file exists but reading it failed.</summary>
        public const int ReadError = -3;

        /// <summary>Suffix of the temporary file <see cref="WriteAll"/> writes before moving it in place.</summary>
        public const string TempSuffix = ".new";

        /// <summary>
        /// Reads up to <paramref name="buffer"/>.Length bytes of <paramref name="path"/>; returns the length, or
        /// <see cref="Missing"/>, <see cref="TooLarge"/> or <see cref="ReadError"/>. When only the temporary file of an
        /// interrupted <see cref="WriteAll"/> exists, that is read instead (it was complete before the old file was deleted).
        /// </summary>
        public static int ReadAll(string path, byte[] buffer)
        {
            string source = path;
            if (!Exists(source))
            {
                source = path + TempSuffix;
                if (!Exists(source))
                    return Missing;
            }
            try
            {
                using (FileStream f = new FileStream(source, FileMode.Open, FileAccess.Read))
                {
                    long length = f.Length;
                    if (length > buffer.Length)
                        return TooLarge;
                    int total = 0;
                    while (total < length)
                    {
                        int n = f.Read(buffer, total, (int)length - total);
                        if (n <= 0)
                            break;
                        total += n;
                    }
                    return total;
                }
            }
            catch (Exception)
            {
                return ReadError;
            }
        }

        private static bool Exists(string path)
        {
            try
            {
                return File.Exists(path);
            }
            catch (Exception)
            {
                // No usable drive at all: nothing can be read, which is the same as absent for every caller.
                return false;
            }
        }

        /// <summary>
        /// Replaces <paramref name="path"/> with <paramref name="length"/> bytes: writes a temporary file, then deletes the
        /// old one and moves the new one in place. A power cut leaves the old content (temporary file incomplete, old file
        /// still there), or the new content under the temporary name (old file already deleted), which
        /// <see cref="ReadAll"/> then reads, or the new content in place.
        /// </summary>
        public static bool WriteAll(string path, byte[] data, int length)
        {
            string tmp = path + TempSuffix;
            try
            {
                using (FileStream f = new FileStream(tmp, FileMode.Create, FileAccess.Write))
                {
                    f.Write(data, 0, length);
                    f.Flush();
                }
                if (File.Exists(path))
                    File.Delete(path);
                File.Move(tmp, path);
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }
    }
}
