# PIL (the part torchvision needs): images held as uint8 tensors; see PIL/Image.py.
