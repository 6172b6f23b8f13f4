import { nextSequentialId, slugOf } from '../scripts/sequential-revision.js';

test('nextSequentialId counts on from the highest all-digit id, keeping the width', () => {
  expect(nextSequentialId([])).toBe('0001');
  expect(nextSequentialId(['0001', '0002', '0003'])).toBe('0004');
  expect(nextSequentialId(['0002', 'hotfix', '0010'])).toBe('0011');
  expect(nextSequentialId(['00009'])).toBe('00010');
  expect(nextSequentialId(['9999'])).toBe('10000');
});

test('slugOf joins words with _ and stops at a word boundary before 40 characters', () => {
  expect(slugOf('Add ISBN-13 check')).toBe('add_isbn_13_check');
  expect(slugOf('add price, page count, description and reviews to books')).toBe('add_price_page_count_description_and');
  expect(slugOf('!!!')).toBe('revision');
});
