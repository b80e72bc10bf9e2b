// Replaced by the host and CLI as they are built.
return 0;
