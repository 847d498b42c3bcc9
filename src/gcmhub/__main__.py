from gcmhub.cli import main

raise SystemExit(main())
