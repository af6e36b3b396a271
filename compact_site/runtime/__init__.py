"""Where and how a build runs: the one module that starts processes (background), the garbage collector
kept out of the build's way (memory), and the plugin's counted log (log_relay). Standard library only."""
