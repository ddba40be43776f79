begin
end 1
end 2

exit: 0
