# std/audio.aug — module `std.audio`: SpecAugment policies written from the prelude's spectrogram ops.

# SpecAugment (Park et al. 2019, "SpecAugment: A Simple Data Augmentation Method for Automatic Speech
# Recognition", Table 1): time warp with parameter W, then mF frequency masks of width up to F, then
# mT time masks of width up to T, each time mask also at most p of the utterance's time steps
# (`max_ratio: p`, torchaudio's TimeMasking `p`). The four policies of Table 1:
#   LB (LibriSpeech basic):   W 80  F 27  mF 1  T 100  p 1.0  mT 1
#   LD (LibriSpeech double):  W 80  F 27  mF 2  T 100  p 1.0  mT 2
#   SM (Switchboard mild):    W 40  F 15  mF 2  T 70   p 0.2  mT 2
#   SS (Switchboard strong):  W 40  F 27  mF 2  T 70   p 0.2  mT 2
# Works on `spectrogram` fields: put it after `melspec()`.
transform spec_augment(policy: LB | LD | SM | SS = LD) {
  match policy {
    LB => seq { time_warp(W: 80)  freq_mask(F: 27, count: 1)  time_mask(T: 100, count: 1, max_ratio: 1.0) }
    LD => seq { time_warp(W: 80)  freq_mask(F: 27, count: 2)  time_mask(T: 100, count: 2, max_ratio: 1.0) }
    SM => seq { time_warp(W: 40)  freq_mask(F: 15, count: 2)  time_mask(T: 70, count: 2, max_ratio: 0.2) }
    SS => seq { time_warp(W: 40)  freq_mask(F: 27, count: 2)  time_mask(T: 70, count: 2, max_ratio: 0.2) }
  }
}
