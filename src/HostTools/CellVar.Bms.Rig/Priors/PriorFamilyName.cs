namespace CellVar.Bms.Rig.Priors
{
    /// <summary>Distribution family of a host prior (priors.json <c>family</c>).</summary>
    public enum PriorFamilyName
    {
        /// <summary><c>normal</c>: location = mean, scale = sd.</summary>
        Normal,
        /// <summary><c>lognormal</c>: location = median, scale = σ of ln x.</summary>
        LogNormal,
        /// <summary><c>student_t</c>: location, scale and <c>df</c>.</summary>
        StudentT,
        /// <summary><c>normal_defect_mixture</c>: normal bulk plus a log-normal defect component with weight <c>defect_weight</c>.</summary>
        NormalDefectMixture,
    }
}
