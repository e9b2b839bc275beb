from biennien.cli import main

main()
