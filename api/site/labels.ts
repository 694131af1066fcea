import type { StatusKey } from '../../domain/status';
import type { RatingItem } from '../../domain/indicators';
import type { FeedbackCategory, FeedbackStatus } from '../../domain/feedback/vocabulary';

/** How the pages word the catalogue's and the read model's codes, for citizens. */

export const PROCEDURE_LEVEL: Record<string, string> = {
  province: 'Cấp tỉnh',
  commune: 'Cấp xã',
  ministry: 'Cấp bộ',
};

export const ONLINE_LEVEL: Record<string, string> = {
  full: 'Dịch vụ công trực tuyến toàn trình',
  partial: 'Dịch vụ công trực tuyến một phần',
};

export const RESULT_DELIVERY: Record<string, string> = {
  paper: 'Bản giấy',
  electronic: 'Bản điện tử',
  both: 'Bản giấy và bản điện tử',
};

export const STEP_STATE: Record<string, string> = {
  waiting: 'Chưa đến lượt',
  active: 'Đang xử lý',
  done: 'Đã xong',
};

export const STEP_RESULT: Record<string, string> = {
  early: 'trước hạn',
  on_time: 'đúng hạn',
  late: 'quá hạn',
};

/** What the citizen does next, by status; the documents asked for are added by the page. */
export const NEXT_STEP: Record<StatusKey, string> = {
  submitted: 'Bộ phận Một cửa đang kiểm tra hồ sơ nộp trực tuyến. Ông/Bà chưa cần làm gì.',
  received: 'Hồ sơ đã được tiếp nhận. Ông/Bà chưa cần làm gì; hãy chờ đến ngày hẹn trả kết quả.',
  not_accepted: 'Hồ sơ không được tiếp nhận. Lý do đã được ghi trong thông báo gửi Ông/Bà.',
  processing: 'Hồ sơ đang được giải quyết. Ông/Bà chưa cần làm gì; hãy chờ đến ngày hẹn trả kết quả.',
  awaiting_supplement: 'Ông/Bà cần bổ sung, hoàn thiện hồ sơ với các giấy tờ dưới đây.',
  awaiting_payment: 'Ông/Bà cần thực hiện nghĩa vụ tài chính theo thông báo đã nhận.',
  withdrawn: 'Hồ sơ đã được rút theo yêu cầu của Ông/Bà.',
  stopped: 'Hồ sơ đã dừng xử lý. Lý do đã được ghi trong thông báo gửi Ông/Bà.',
  processed: 'Đã có kết quả. Mời Ông/Bà đến Bộ phận Một cửa nhận kết quả, mang theo Giấy tiếp nhận hồ sơ.',
  returned: 'Ông/Bà đã nhận kết quả. Cảm ơn Ông/Bà đã sử dụng dịch vụ.',
};

/** The items of Decree 118 Art. 33 a citizen rates, as the rating endpoint names them. */
export const RATING_ITEM_LABEL: Record<RatingItem, string> = {
  resultTime: 'Thời gian trả kết quả so với giấy hẹn',
  agenciesContacted: 'Số cơ quan, đơn vị Ông/Bà phải liên hệ',
  contactsNeeded: 'Số lần Ông/Bà phải liên hệ để hoàn thiện hồ sơ',
  publishedInfo: 'Việc công khai thủ tục hành chính',
  staffAttitude: 'Thái độ, cách ứng xử của cán bộ, công chức',
  lawfulness: 'Kết quả giải quyết đúng quy định',
  feedbackHandling: 'Việc tiếp nhận, xử lý phản ánh, kiến nghị',
  onlineService: 'Việc cung cấp dịch vụ công trực tuyến',
};

export const SCORE_LABEL = [
  'Rất không hài lòng',
  'Không hài lòng',
  'Bình thường',
  'Hài lòng',
  'Rất hài lòng',
];

export const FEEDBACK_CATEGORY: Record<FeedbackCategory, string> = {
  regulation: 'Về quy định, thủ tục hành chính',
  handling: 'Về việc giải quyết hồ sơ',
  conduct: 'Về thái độ, hành vi của cán bộ',
  other: 'Nội dung khác',
};

export const FEEDBACK_STATUS: Record<FeedbackStatus, string> = {
  received: 'Đã tiếp nhận',
  awaiting_supplement: 'Chờ Ông/Bà bổ sung thông tin',
  processing: 'Đang xem xét, xử lý',
  answered: 'Đã có trả lời',
  published: 'Đã có trả lời, đã công khai',
  rejected: 'Không thụ lý',
  closed: 'Đã kết thúc',
};
