from campaigngen.cli import main

main()
