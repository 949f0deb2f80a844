// One browser at a time: the responsiveness test measures render latency and must not share 2 cores with another Chromium.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
