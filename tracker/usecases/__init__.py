"""The use cases, one small class each (issue 10; the MoJ PQ Tracker's app/services is the model):
collaborators injected through Deps, validation before storage, one transaction per write.
tracker/service.py::Tracker is the facade pages and the CLI call."""
