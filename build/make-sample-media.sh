#!/usr/bin/env bash
# Regenerates the sample station's media under assets/ (committed; small on purpose, < 1 MB).
# Needs ffmpeg (drawtext with DejaVu fonts) and espeak-ng (Vietnamese voice) — Debian packages.
# Run from the repo root: bash build/make-sample-media.sh
set -euo pipefail
cd "$(dirname "$0")/.."
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
FONT_R=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
ff() { ffmpeg -y -loglevel error "$@"; }
mkdir -p assets/bluezone "assets/radio/bản tin"

# Posters: landscape for the one-stop-shop TV, portrait for the elevator screen.
poster() { # out size title subtitle
  local out=$1 size=$2 title=$3 sub=$4 w=${2%x*}
  ff -f lavfi -i "color=c=0x0b5cad:size=$size" -frames:v 1 -vf "\
drawbox=x=0:y=ih*0.72:w=iw:h=ih*0.28:color=0xf5b400:t=fill,\
drawtext=fontfile=$FONT:text='$title':fontcolor=white:fontsize=$((w/16)):x=(w-tw)/2:y=h*0.30,\
drawtext=fontfile=$FONT_R:text='$sub':fontcolor=white:fontsize=$((w/30)):x=(w-tw)/2:y=h*0.48,\
drawtext=fontfile=$FONT:text='www.bluezone.gov.vn':fontcolor=0x0b2a4a:fontsize=$((w/22)):x=(w-tw)/2:y=h*0.82" \
  -pix_fmt rgb24 "$out"
}
poster assets/bluezone/poster.png 1280x720 'Cài đặt Bluezone' 'Khẩu trang điện tử — bảo vệ mình, bảo vệ cộng đồng'
poster assets/bluezone/poster-doc.png 720x1280 'Bluezone' 'Quét mã, cài ngay'

# Install guide clip: three steps, 9 s, 25 fps, small H.264 + AAC.
ff -f lavfi -i "color=c=0x0b5cad:size=640x360:rate=25:duration=9" \
   -f lavfi -i "sine=frequency=523:duration=9:sample_rate=22050" -vf "\
drawtext=fontfile=$FONT:text='Hướng dẫn cài đặt Bluezone':fontcolor=white:fontsize=34:x=(w-tw)/2:y=40,\
drawtext=fontfile=$FONT_R:text='1. Mở CH Play hoặc App Store':fontcolor=white:fontsize=28:x=60:y=140:enable='gte(t,1)',\
drawtext=fontfile=$FONT_R:text='2. Tìm \"Bluezone\" và cài đặt':fontcolor=white:fontsize=28:x=60:y=200:enable='gte(t,3.5)',\
drawtext=fontfile=$FONT_R:text='3. Bật Bluetooth, giữ ứng dụng chạy':fontcolor=white:fontsize=28:x=60:y=260:enable='gte(t,6)',\
drawbox=x=0:y=ih-12:w=iw*t/9:h=12:color=0xf5b400:t=fill" \
   -af "volume=0.05" -c:v libx264 -profile:v baseline -pix_fmt yuv420p -crf 30 -preset slow \
   -c:a aac -b:a 32k -ac 1 -movflags +faststart -shortest assets/bluezone/huong-dan-cai-dat.mp4

# Radio: signature tune (a short arpeggio), the campaign spot, and two bulletins read by espeak-ng.
ff -f lavfi -i "sine=frequency=523:duration=1.5:sample_rate=22050" -f lavfi -i "sine=frequency=659:duration=1.5:sample_rate=22050" \
   -f lavfi -i "sine=frequency=784:duration=1.5:sample_rate=22050" -f lavfi -i "sine=frequency=1047:duration=2.5:sample_rate=22050" \
   -filter_complex "[0][1][2][3]concat=n=4:v=0:a=1,volume=0.4,afade=t=out:st=6:d=1" -ac 1 -c:a libmp3lame -b:a 32k assets/radio/nhac-hieu.mp3
speak() { # out text
  espeak-ng -v vi -s 140 -w /tmp/bantin-speak.wav "$2"
  ff -i /tmp/bantin-speak.wav -ac 1 -ar 22050 -c:a libmp3lame -b:a 32k "$1"
}
speak assets/radio/bluezone-spot.mp3 "Thông báo của Ủy ban nhân dân xã. Bluezone là ứng dụng khẩu trang điện tử, giúp phát hiện người tiếp xúc gần với người nhiễm Cô-vít mười chín. Bà con hãy cài đặt Bluezone cho mình và người thân, bật Bluetooth và luôn giữ ứng dụng chạy. Tải Bluezone tại bluezone chấm gov chấm vi en. Xin cảm ơn bà con."
speak "assets/radio/bản tin/Bản tin sáng.mp3" "Bản tin buổi sáng. Hôm nay, xã tiếp tục vận động các hộ dân cài đặt ứng dụng Bluezone. Các tổ hỗ trợ sẽ có mặt tại nhà văn hóa các ấp từ bảy giờ đến mười một giờ. Bà con mang theo điện thoại thông minh để được hướng dẫn cài đặt."
