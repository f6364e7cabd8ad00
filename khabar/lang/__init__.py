"""The languages khabar reads: each module holds one language's words, and no theatre's."""
