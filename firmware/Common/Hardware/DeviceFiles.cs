using System;
using System.IO;

namespace CellVar.Bms.Firmware.Hardware
{
    /// <summary>Whole-file reads and writes on the device's file system (System.IO.FileSystem: FileStream, File).</summary>
    public static class DeviceFiles
    {
        /// <summary>Reads up to <paramref name="buffer"/>.Length bytes of <paramref name="path"/>; returns the length, −1 when missing or unreadable, −2 when larger than the buffer.</summary>
        public static int ReadAll(string path, byte[] buffer)
        {
            try
            {
                if (!File.Exists(path))
                    return -1;
                using (FileStream f = new FileStream(path, FileMode.Open, FileAccess.Read))
                {
                    long length = f.Length;
                    if (length > buffer.Length)
                        return -2;
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
                return -1;
            }
        }

        /// <summary>
        /// Replaces <paramref name="path"/> with <paramref name="length"/> bytes: writes a temporary file, then deletes the
        /// old one and moves the new one in place, so a power cut leaves either the old or the new content (plus at most a
        /// stray temporary file).
        /// </summary>
        public static bool WriteAll(string path, byte[] data, int length)
        {
            string tmp = path + ".new";
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
