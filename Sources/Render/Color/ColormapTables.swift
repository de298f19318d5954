/// Namespace for the colormap data tables (one file each).
enum ColormapTables {}
