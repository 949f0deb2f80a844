namespace CellVar.Bms.OnDevice.Estimation
{
    /// <summary>Robust pack reference: median of the first n entries of a scratch array (sorted in place).</summary>
    public static class Median
    {
        /// <summary>
        /// Sorts values[0..n) ascending (insertion sort: no allocation, ≤ n²/2 compares, fine for n ≤ 32)
        /// and returns the median (mean of the two middle values for even n, rounded down); 0 when n ≤ 0.
        /// </summary>
        public static int SortAndTake(int[] values, int n)
        {
            if (n <= 0) return 0;
            for (int i = 1; i < n; i++)
            {
                int v = values[i];
                int j = i - 1;
                while (j >= 0 && values[j] > v)
                {
                    values[j + 1] = values[j];
                    j--;
                }
                values[j + 1] = v;
            }
            int h = n >> 1;
            if ((n & 1) == 1) return values[h];
            return (int)(((long)values[h - 1] + values[h]) >> 1);
        }
    }
}
