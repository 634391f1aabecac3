# A stand-in for docs/howto/shell.md: what a "workon" helper does. Source it; running it changes nothing.
cd jobboard                                        # change the folder of the shell that runs this
export DJANGO_SETTINGS_MODULE=config.settings      # and give programs started from it a setting
