# text_classification.aug — sentence classification with EDA (e.g. SST-2, AG News)
#
# Schema: an English sentence and its class (here the 4 AG News topics).
#
# EDA (Wei & Zou 2019, "Easy Data Augmentation") applies one of four token edits
# — synonym replacement, random insertion, random swap, random deletion — each
# touching about alpha × (number of words) tokens. It helps most on small
# training sets; on large ones keep alpha small or turn it off (`--set eda_p=0`).
#
# The label is a whole-sentence class, so none of these edits needs to keep
# anything aligned (compare ner.aug, where every token has a tag).

import std.text                        # eda

sample Headline {
  text: text(en)
  label: class(4)
}

policy train(alpha: float in [0, 0.5] = 0.1, eda_p: float in [0, 1] = 0.5) on Headline {
  # One EDA edit with strength alpha, on half the samples.
  augment: eda(alpha: alpha, n: 1) @p(eda_p)
  # Occasional keyboard typos, so the model does not rely on exact spelling.
  typos: char_noise(p: 0.03, kind: keyboard) @p(0.1)
}
