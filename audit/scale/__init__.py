"""Large runs: columnar outputs (:mod:`audit.scale.output`), flat result tables
(:mod:`audit.scale.tables`) and the Dask engine (:mod:`audit.scale.dask_engine`)."""
