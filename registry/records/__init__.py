"""Published records (bodies, resolutions, actions, sources): the services that create and
merge them, shared by the seed loader, imports and the publication of member submissions."""
